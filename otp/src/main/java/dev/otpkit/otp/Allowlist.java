package dev.otpkit.otp;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which commands a bridge session exposes: deny by default, opt in by name, and deny wins (a
 * command both allowed and denied is denied). Immutable.
 */
public final class Allowlist {

  /** Command names: 1 to 64 of letters, digits, '.', '_' and '-'. */
  public static final Pattern COMMAND = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Set<String> allowed;

  private Allowlist(Set<String> allowed) {
    this.allowed = allowed;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** True if {@code command} is allowed and not denied. */
  public boolean permits(String command) {
    return command != null && allowed.contains(command);
  }

  /** The permitted commands, sorted. */
  public Set<String> commands() {
    return allowed;
  }

  /** Builds an {@link Allowlist}. */
  public static final class Builder {
    private final Set<String> allow = new TreeSet<>();
    private final Set<String> deny = new TreeSet<>();

    private Builder() {}

    /**
     * Allows these commands (unless also denied).
     *
     * @throws IllegalArgumentException if a name is not a valid command name
     */
    public Builder allow(String... commands) {
      for (String c : commands) {
        allow.add(checked(c));
      }
      return this;
    }

    /** Denies these commands, whatever else allows them. */
    public Builder deny(String... commands) {
      for (String c : commands) {
        deny.add(checked(c));
      }
      return this;
    }

    public Allowlist build() {
      Set<String> permitted = new TreeSet<>(allow);
      permitted.removeAll(deny);
      return new Allowlist(Collections.unmodifiableSet(permitted));
    }

    private static String checked(String command) {
      if (command == null || !COMMAND.matcher(command).matches()) {
        throw new IllegalArgumentException("a command name is 1 to 64 of [A-Za-z0-9._-], got '" + command + "'");
      }
      return command;
    }
  }
}
