/** The JSON frames of CONTRACT §4 as records: what clients send, and what the server sends back. */
package org.causette.server.ws.frames;
