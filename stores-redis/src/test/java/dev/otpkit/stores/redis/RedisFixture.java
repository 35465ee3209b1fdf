package dev.otpkit.stores.redis;

import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real redis-server and a {@link RedisState} on it for one test class
 * ({@code @RegisterExtension static final RedisFixture redis = new RedisFixture("ns")}).
 */
final class RedisFixture implements BeforeAllCallback, AfterAllCallback {
  private final String namespace;
  private final Duration grace;
  RedisServer server;
  RedisState state;

  RedisFixture(String namespace) {
    this(namespace, Duration.ofMinutes(2));
  }

  RedisFixture(String namespace, Duration grace) {
    this.namespace = namespace;
    this.grace = grace;
  }

  /** Another connection to the same server, as another instance would have. */
  RedisState connect() {
    return RedisState.builder(server.uri()).namespace(namespace).stateGrace(grace).connect();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    server = RedisServer.start();
    state = connect();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (state != null) {
      state.close();
    }
    if (server != null) {
      server.close();
    }
  }
}
