package dev.otpkit.examples.notes;

import java.util.ArrayList;
import java.util.List;

/** The app's own logic: an in-memory list of notes. Nothing in it knows about the bridge. */
final class Notes {
  private final List<String> notes = new ArrayList<>();

  /** Adds a note (trimmed, at most 500 characters) and returns the list. */
  synchronized String add(String note) {
    String text = note.strip();
    if (text.isEmpty() || text.length() > 500) {
      throw new IllegalArgumentException("a note has 1 to 500 characters");
    }
    notes.add(text);
    return list();
  }

  /** The notes, one per line, newest first. */
  synchronized String list() {
    List<String> newestFirst = new ArrayList<>(notes);
    java.util.Collections.reverse(newestFirst);
    return String.join("\n", newestFirst);
  }

  synchronized int size() {
    return notes.size();
  }
}
