package dev.otpkit.hashing;

/** Who sent a message. Keys differ per direction, so a message cannot be reflected back. */
public enum Direction {
  /** From the web UI to the backend. */
  UI_TO_BACKEND(1, "ui"),
  /** From the backend to the web UI. */
  BACKEND_TO_UI(2, "backend");

  private final int code;
  private final String sender;

  Direction(int code, String sender) {
    this.code = code;
    this.sender = sender;
  }

  /** The byte that stands for this direction in key derivation and MAC input. */
  public int code() {
    return code;
  }

  /** The sending side: {@code ui} or {@code backend}. */
  public String sender() {
    return sender;
  }

  /** The direction of a message sent by {@code sender} ({@code ui} or {@code backend}). */
  public static Direction sentBy(String sender) {
    for (Direction d : values()) {
      if (d.sender.equals(sender)) {
        return d;
      }
    }
    throw new IllegalArgumentException("direction is 'ui' (UI to backend) or 'backend' (backend to UI), got '"
        + sender + "'");
  }
}
