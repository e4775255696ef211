package org.causette.server.wire;

/** Frames a staff console sends (docs/protocol.md), one record per {@code type}. */
public final class StaffFrames {
    private StaffFrames() {
    }

    public record Hello(String token) {
    }

    public record Presence(String status) {
    }

    public record Accept(String conversationId) {
    }

    public record Message(String conversationId, String clientId, String text, Boolean internal) {
    }

    public record Transfer(String conversationId, String toStaffId, String toSkill) {
    }

    public record Handback(String conversationId) {
    }

    public record Close(String conversationId) {
    }

    public record Typing(String conversationId, Boolean on) {
    }

    public record Read(String conversationId, Long seq) {
    }

    public record History(String conversationId, Long beforeSeq, Integer limit) {
    }
}
