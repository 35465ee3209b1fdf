package dev.otpkit.examples;

import dev.otpkit.entropy.Drbg;
import dev.otpkit.entropy.EntropySource;
import dev.otpkit.entropy.EntropySources;
import dev.otpkit.entropy.OtpkitProvider;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Entropy: a source, the DRBG over it, and the JCA provider. README, "Using the library". */
public final class EntropyExample {

  private EntropyExample() {}

  public static void main(String[] args) throws NoSuchAlgorithmException {
    String spec = args.length > 0 ? args[0] : "system";
    // README: entropy
    EntropySource source = EntropySources.open(spec);            // or "mix:degrade:system+raw:/path"
    Drbg drbg = Drbg.builder(source)
        .mechanism(Drbg.Mechanism.CTR_AES256)                     // the default; or HMAC_SHA256
        .reseedInterval(1024)                                     // generate calls between reseeds
        .build();
    byte[] salt = drbg.bytes(16);                                 // per-thread fast path, no shared lock

    SecureRandom random = SecureRandom.getInstance(OtpkitProvider.DRBG, new OtpkitProvider(drbg));
    // README end
    byte[] more = new byte[16];
    random.nextBytes(more);
    System.out.println("source " + source.description() + ": " + source.health().state());
    System.out.println("salt " + HexFormat.of().formatHex(salt));
    System.out.println(random.getAlgorithm() + " from " + random.getProvider().getName() + ": "
        + HexFormat.of().formatHex(more));
  }
}
