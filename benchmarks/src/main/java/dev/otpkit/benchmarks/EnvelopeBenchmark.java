package dev.otpkit.benchmarks;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import com.macasaet.fernet.Key;
import com.macasaet.fernet.StringValidator;
import com.macasaet.fernet.Token;
import com.macasaet.fernet.Validator;
import dev.otpkit.hashing.Direction;
import dev.otpkit.hashing.EnvelopeException;
import dev.otpkit.hashing.EnvelopeKeys;
import dev.otpkit.hashing.Opener;
import dev.otpkit.hashing.ReplayGuard;
import dev.otpkit.hashing.Sealer;
import io.jsonwebtoken.Jwts;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.temporal.TemporalAmount;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Envelopes against the limit (raw JCA HMAC-SHA256 and AES-256-GCM on the same payload) and the
 * alternatives a user would pick (Tink's Mac, JJWT HS256, Fernet), one operation per method.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EnvelopeBenchmark {

  @Param({"64", "1024", "16384"})
  public int payloadBytes;

  private byte[] payload;
  private Sealer macSealer;
  private Opener macOpener;
  private Opener macOpenerNoReplay;
  private Sealer aeadSealer;
  private Opener aeadOpener;
  private Opener aeadOpenerNoReplay;
  private byte[] sealedMac;
  private byte[] sealedAead;

  private javax.crypto.Mac jcaMac;
  private Cipher gcm;
  private SecretKeySpec gcmKey;
  private byte[] gcmNonce = new byte[12];
  private long nonceCounter;
  private Mac tinkMac;
  private SecretKey jwtKey;
  private Key fernetKey;
  private final Validator<String> fernetValidator = new StringValidator() {
    @Override
    public TemporalAmount getTimeToLive() {
      return Duration.ofMinutes(1);
    }
  };
  private final SecureRandom fernetRandom = new SecureRandom();

  @Setup
  public void setUp() throws GeneralSecurityException {
    payload = new byte[payloadBytes];
    new SecureRandom().nextBytes(payload);
    EnvelopeKeys keys = EnvelopeKeys.from(EnvelopeKeys.newKeyset());
    ReplayGuard none = (stream, seq, salt, expires, now) -> { };
    macSealer = Sealer.builder(keys).session("bench").direction(Direction.UI_TO_BACKEND).build();
    macOpener = Opener.builder(keys).session("bench").direction(Direction.UI_TO_BACKEND)
        .maxPayloadBytes(1 << 20).build();
    macOpenerNoReplay = Opener.builder(keys).session("bench").direction(Direction.UI_TO_BACKEND)
        .maxAge(Duration.ofDays(1)).replayGuard(none).build();
    aeadSealer = Sealer.builder(keys).session("bench").direction(Direction.UI_TO_BACKEND).encrypted(true).build();
    aeadOpener = Opener.builder(keys).session("bench").direction(Direction.UI_TO_BACKEND).encrypted(true).build();
    aeadOpenerNoReplay = Opener.builder(keys).session("bench").direction(Direction.UI_TO_BACKEND)
        .encrypted(true).maxAge(Duration.ofDays(1)).replayGuard(none).build();
    sealedMac = macSealer.seal("files.save", payload);
    sealedAead = aeadSealer.seal("files.save", payload);

    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    jcaMac = javax.crypto.Mac.getInstance("HmacSHA256");
    jcaMac.init(new SecretKeySpec(key, "HmacSHA256"));
    gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcmKey = new SecretKeySpec(key, "AES");
    tinkMac = KeysetHandle.generateNew(PredefinedMacParameters.HMAC_SHA256_256BITTAG, com.google.crypto.tink.RegistryConfiguration.get())
        .getPrimitive(RegistryConfiguration.get(), Mac.class);
    jwtKey = Jwts.SIG.HS256.key().build();
    fernetKey = Key.generateKey(fernetRandom);
  }

  // ---- otpkit ----

  @Benchmark
  public byte[] macSeal() {
    return macSealer.seal("files.save", payload);
  }

  /** Opening alone, without the replay guard (the same envelope is opened again and again). */
  @Benchmark
  public byte[] macOpen() throws EnvelopeException {
    return macOpenerNoReplay.open("files.save", sealedMac);
  }

  /** The headline: seal, then open with the real replay guard. */
  @Benchmark
  public byte[] macSealOpen() throws EnvelopeException {
    return macOpener.open("files.save", macSealer.seal("files.save", payload));
  }

  @Benchmark
  public byte[] aeadSeal() {
    return aeadSealer.seal("files.save", payload);
  }

  @Benchmark
  public byte[] aeadOpen() throws EnvelopeException {
    return aeadOpenerNoReplay.open("files.save", sealedAead);
  }

  @Benchmark
  public byte[] aeadSealOpen() throws EnvelopeException {
    return aeadOpener.open("files.save", aeadSealer.seal("files.save", payload));
  }

  // ---- the limits: raw JCA on the same payload ----

  @Benchmark
  public boolean jcaHmacComputeVerify() {
    byte[] tag = jcaMac.doFinal(payload);
    return MessageDigest.isEqual(tag, jcaMac.doFinal(payload));
  }

  @Benchmark
  public byte[] jcaGcmEncryptDecrypt() throws GeneralSecurityException {
    long n = ++nonceCounter; // JCA refuses to reuse a key and nonce pair
    for (int i = 0; i < 8; i++) {
      gcmNonce[4 + i] = (byte) (n >>> (56 - 8 * i));
    }
    gcm.init(Cipher.ENCRYPT_MODE, gcmKey, new GCMParameterSpec(128, gcmNonce));
    byte[] ct = gcm.doFinal(payload);
    gcm.init(Cipher.DECRYPT_MODE, gcmKey, new GCMParameterSpec(128, gcmNonce));
    return gcm.doFinal(ct);
  }

  // ---- the alternatives ----

  @Benchmark
  public byte[] tinkMacComputeVerify() throws GeneralSecurityException {
    byte[] tag = tinkMac.computeMac(payload);
    tinkMac.verifyMac(tag, payload);
    return tag;
  }

  @Benchmark
  public byte[] jjwtHs256SignParse() {
    String jws = Jwts.builder().content(payload).signWith(jwtKey).compact();
    return Jwts.parser().verifyWith(jwtKey).build().parseSignedContent(jws).getPayload();
  }

  @Benchmark
  public String fernetGenerateValidate() {
    String text = Base64.getEncoder().encodeToString(payload);
    Token token = Token.generate(fernetRandom, fernetKey, text);
    return token.validateAndDecrypt(fernetKey, fernetValidator);
  }

}
