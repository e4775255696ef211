package org.causette.server.cli;

import org.causette.server.auth.PasswordHasher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/** {@code hash-password}: reads one password on stdin, prints its staff.json hash on stdout. */
public final class HashPasswordCommand {
    private HashPasswordCommand() {
    }

    public static int run(BufferedReader in, PrintStream out, PrintStream err) throws IOException {
        String password = in.readLine();
        if (password == null || password.isEmpty()) {
            err.println("hash-password: give the password on standard input, e.g. echo 'secret' | java -jar causette.jar hash-password");
            return 2;
        }
        out.println(new PasswordHasher().hash(password.toCharArray()));
        return 0;
    }
}
