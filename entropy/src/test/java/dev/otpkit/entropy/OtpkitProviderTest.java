package dev.otpkit.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OtpkitProviderTest {

  @Test
  void getInstance_givesDrbgOverChosenSource() throws Exception {
    CountingSource source = new CountingSource(EntropySources.system());
    OtpkitProvider provider = new OtpkitProvider(Drbg.builder(source).build());
    SecureRandom random = SecureRandom.getInstance(OtpkitProvider.DRBG, provider);
    byte[] a = new byte[32];
    random.nextBytes(a);
    assertTrue(source.draws.get() > 0, "the DRBG drew from the chosen source");
    assertEquals(provider, random.getProvider());
  }

  @Test
  void setSeed_addsInputAndReseedsFromSource() throws Exception {
    CountingSource source = new CountingSource(EntropySources.system());
    SecureRandom random =
        SecureRandom.getInstance(OtpkitProvider.DRBG, new OtpkitProvider(Drbg.builder(source).build()));
    random.nextBytes(new byte[8]);
    int before = source.draws.get();
    random.setSeed(new byte[] {1, 2, 3});
    assertEquals(before + 1, source.draws.get(), "a seed supplements the source, never replaces it");
  }

  /** A deserialised copy would have no DRBG (it threw NullPointerException): refuse to write one. */
  @Test
  void serialization_isRefused_withAClearReason() throws Exception {
    OtpkitProvider provider = new OtpkitProvider(Drbg.builder(EntropySources.system()).build());
    SecureRandom random = SecureRandom.getInstance(OtpkitProvider.DRBG, provider);
    random.nextBytes(new byte[8]);
    for (Object o : List.of(random, provider)) {
      ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream());
      NotSerializableException e = assertThrows(NotSerializableException.class, () -> out.writeObject(o));
      assertTrue(e.getMessage().contains("cannot be serialized"), e.getMessage());
    }
  }

  /** A stream made elsewhere (not by otpkit, which never writes one) is refused as well. */
  @Test
  void deserialization_isRefused() throws Exception {
    Drbg drbg = Drbg.builder(EntropySources.system()).build();
    for (Object target : List.of(new OtpkitProvider(drbg), new OtpkitProvider.DrbgSpi(drbg))) {
      Method readObject = target.getClass().getDeclaredMethod("readObject", ObjectInputStream.class);
      readObject.setAccessible(true);
      InvocationTargetException e = assertThrows(InvocationTargetException.class,
          () -> readObject.invoke(target, (Object) null));
      assertTrue(e.getCause() instanceof InvalidObjectException, String.valueOf(e.getCause()));
    }
  }

  @Test
  void unknownAlgorithm_isNotServed() {
    assertThrows(NoSuchAlgorithmException.class,
        () -> SecureRandom.getInstance("SHA1PRNG", new OtpkitProvider()));
  }

  @Test
  void serviceLoader_findsProvider_withSystemDefault() throws Exception {
    Provider found = null;
    for (Provider p : ServiceLoader.load(Provider.class)) {
      if (p instanceof OtpkitProvider) {
        found = p;
      }
    }
    assertTrue(found != null, "META-INF/services registers the provider");
    SecureRandom random = SecureRandom.getInstance(OtpkitProvider.DRBG, found);
    byte[] a = new byte[32];
    random.nextBytes(a);
    assertTrue(java.util.Arrays.stream(new int[] {0}).allMatch(i -> !java.util.Arrays.equals(a, new byte[32])));
  }
}
