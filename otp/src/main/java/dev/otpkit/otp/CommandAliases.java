package dev.otpkit.otp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-session command names ("functional ASLR"): each allowed command gets an alias
 * {@code c_} + 16 base64url characters (96 bits) of HMAC-SHA256 under a per-session secret of
 * the command, a zero byte and the counter in decimal, so the names differ in every session and
 * say nothing about the command. Only the commands the allowlist permits get an alias, and the
 * allowlist is immutable, so an alias that resolves names a permitted command; unknown aliases are
 * rejected. In one-shot mode an alias is good for one call, after which the command's next alias
 * (the counter plus one) replaces it.
 *
 * <p>Aliases are defence in depth, not secrecy: the page's own scripts see them. They keep
 * injected or cached script written for one session from working in another, and stop callers
 * from probing command names. Thread-safe.
 */
public final class CommandAliases {

  private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

  private final boolean oneShot;
  private final Mac mac;
  private final Map<String, String> commandByAlias = new HashMap<>();
  private final Map<String, String> aliasByCommand = new TreeMap<>();
  private final Map<String, Long> counters = new HashMap<>();

  /**
   * Aliases for every command of {@code allowlist} under {@code secret} (at least 32 bytes). The
   * MAC key keeps its own copy: {@code secret} is wiped before this returns or throws.
   *
   * @throws IllegalArgumentException if the secret is shorter than 32 bytes
   */
  CommandAliases(Allowlist allowlist, byte[] secret, boolean oneShot) {
    Objects.requireNonNull(allowlist, "allowlist");
    this.oneShot = oneShot;
    try {
      if (secret.length < 32) {
        throw new IllegalArgumentException("the alias secret must be at least 32 bytes, got " + secret.length);
      }
      this.mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    for (String command : allowlist.commands()) {
      install(command, 0);
    }
  }

  private void install(String command, long counter) {
    byte[] input = (command + "\u0000" + counter).getBytes(StandardCharsets.UTF_8);
    String alias = "c_" + TEXT.encodeToString(mac.doFinal(input)).substring(0, 16);
    commandByAlias.put(alias, command);
    aliasByCommand.put(command, alias);
    counters.put(command, counter);
  }

  /**
   * The current alias of {@code command}.
   *
   * @throws IllegalArgumentException if the command is not on the allowlist
   */
  public synchronized String alias(String command) {
    String alias = aliasByCommand.get(command);
    if (alias == null) {
      throw new IllegalArgumentException("'" + command + "' is not on this session's allowlist");
    }
    return alias;
  }

  /** Every allowed command with its current alias, sorted by command. */
  public synchronized Map<String, String> table() {
    return Map.copyOf(aliasByCommand);
  }

  /**
   * The command {@code alias} stands for. Does not use the alias up: see {@link #consume}. Only
   * permitted commands have aliases, so this is the allowlist check of a call.
   *
   * @throws BridgeException UNKNOWN_ALIAS if it is not a current alias of this session (null included)
   */
  public synchronized String resolve(String alias) throws BridgeException {
    String command = commandByAlias.get(alias); // a HashMap: null finds nothing
    if (command == null) {
      throw new BridgeException(BridgeException.Reason.UNKNOWN_ALIAS, null);
    }
    return command;
  }

  /**
   * Marks a call through {@code alias} as made. In one-shot mode the alias is used up and its
   * command's next alias takes its place, and of several calls racing on one alias exactly one
   * gets through; otherwise this only checks the alias again. Call it after the message
   * authenticated, so forged messages cannot use up a session's aliases.
   *
   * @return the command's alias for the next call
   * @throws BridgeException UNKNOWN_ALIAS if the alias is no longer current
   */
  public synchronized String consume(String alias) throws BridgeException {
    String command = resolve(alias);
    if (oneShot) {
      commandByAlias.remove(alias);
      install(command, counters.get(command) + 1);
    }
    return aliasByCommand.get(command);
  }

  /** True if aliases are good for one call each. */
  public boolean oneShot() {
    return oneShot;
  }
}
