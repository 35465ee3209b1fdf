package dev.otpkit.examples.notes;

import javafx.application.Application;

/**
 * The jar's entry point. A main class that extends Application cannot start from a plain class
 * path ("JavaFX runtime components are missing"); one that only launches it can.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Application.launch(NotesApp.class, args);
  }
}
