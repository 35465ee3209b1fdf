package dev.otpkit.entropy;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A JCA provider whose {@code SecureRandom} is the otpkit DRBG over a chosen source.
 *
 * <pre>{@code
 * Drbg drbg = Drbg.builder(EntropySources.open("system")).build();
 * SecureRandom random = SecureRandom.getInstance(OtpkitProvider.DRBG, new OtpkitProvider(drbg));
 * }</pre>
 *
 * <p>The no-argument constructor (used when the provider is registered by class name or through
 * {@link java.util.ServiceLoader}) serves a DRBG over the {@code system} source, built on first use.
 *
 * <p>Neither the provider nor its {@code SecureRandom} can be serialized: a DRBG's state and its
 * entropy source live in this process, and a copy elsewhere would either share the state (repeat
 * output) or silently run over another source. Both throw {@link NotSerializableException}.
 */
public final class OtpkitProvider extends Provider {

  private static final long serialVersionUID = 1L;

  /** Provider name. */
  public static final String NAME = "OTPKIT";

  /** The SecureRandom algorithm this provider serves. */
  public static final String DRBG = "OTPKIT-DRBG";

  private final transient Supplier<Drbg> drbg;

  /** A provider over a DRBG of the {@code system} source, built on first use. */
  public OtpkitProvider() {
    this(new Supplier<>() {
      private Drbg instance;

      @Override
      public synchronized Drbg get() {
        if (instance == null) {
          instance = Drbg.builder(EntropySources.system()).build();
        }
        return instance;
      }
    });
  }

  /** A provider whose SecureRandom is {@code drbg}. */
  public OtpkitProvider(Drbg drbg) {
    this(() -> drbg);
    java.util.Objects.requireNonNull(drbg, "drbg");
  }

  private OtpkitProvider(Supplier<Drbg> drbg) {
    super(NAME, "0.1", "otpkit SP 800-90A DRBG over health-tested entropy sources");
    this.drbg = drbg;
    putService(new Service(this, "SecureRandom", DRBG, DrbgSpi.class.getName(), null,
        Map.of("ThreadSafe", "true")) {
      @Override
      public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
        if (parameter != null) {
          throw new NoSuchAlgorithmException(DRBG + " takes no SecureRandomParameters");
        }
        return new DrbgSpi(OtpkitProvider.this.drbg.get());
      }
    });
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    throw notSerializable();
  }

  private void readObject(ObjectInputStream in) throws IOException {
    throw new InvalidObjectException(NAME + " providers are never serialized; this stream was not written by otpkit");
  }

  static NotSerializableException notSerializable() {
    return new NotSerializableException("an " + NAME + " provider or SecureRandom cannot be serialized:"
        + " its DRBG state and entropy source stay in this process; make a new one where it is needed");
  }

  SecureRandom secureRandom() {
    try {
      return SecureRandom.getInstance(DRBG, this);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(DRBG + " is registered by this provider", e);
    }
  }

  /** The SPI behind {@link #DRBG}. Thread-safe: the DRBG keeps one instance per thread. */
  static final class DrbgSpi extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;
    private final transient Drbg drbg;

    DrbgSpi(Drbg drbg) {
      this.drbg = drbg;
    }

    /** Mixes the seed in as additional input; it never replaces the entropy from the source. */
    @Override
    protected void engineSetSeed(byte[] seed) {
      drbg.reseed(seed);
    }

    @Override
    protected void engineNextBytes(byte[] bytes) {
      drbg.nextBytes(bytes);
    }

    /** Bytes straight from the entropy source, as {@code generateSeed} promises. */
    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
      return drbg.seedBytes(numBytes);
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
      throw notSerializable();
    }

    private void readObject(ObjectInputStream in) throws IOException {
      throw new InvalidObjectException(DRBG + " is never serialized; this stream was not written by otpkit");
    }
  }
}
