package dev.otpkit.otp;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a heap dump of an object would show: walks every instance field of otp's own classes and
 * the contents of the maps, collections, arrays and atomic references they hold, and reports where
 * a given text or byte sequence appears. Other libraries' objects (the DRBG, the clock) are not
 * entered: what they keep is theirs to test.
 */
final class ObjectGraph {
  private ObjectGraph() {}

  /** Paths from {@code root} to every string containing {@code text} and byte array containing {@code bytes}. */
  static List<String> find(Object root, String text, byte[] bytes) throws IllegalAccessException {
    List<String> found = new ArrayList<>();
    walk(root, "root", text, bytes, Collections.newSetFromMap(new IdentityHashMap<>()), found);
    return found;
  }

  private static void walk(Object o, String path, String text, byte[] bytes, Set<Object> seen, List<String> found)
      throws IllegalAccessException {
    if (o == null || !seen.add(o)) {
      return;
    }
    if (o instanceof String s) {
      if (s.contains(text)) {
        found.add(path);
      }
    } else if (o instanceof byte[] b) {
      if (contains(b, bytes)) {
        found.add(path);
      }
    } else if (o instanceof char[] c) {
      walk(new String(c), path, text, bytes, seen, found);
    } else if (o.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(o); i++) {
        walk(Array.get(o, i), path + "[" + i + "]", text, bytes, seen, found);
      }
    } else if (o instanceof Map<?, ?> m) {
      synchronized (m) { // a synchronized map's iteration needs its lock; harmless on the others
        for (Map.Entry<?, ?> e : m.entrySet()) {
          walk(e.getKey(), path + ".key", text, bytes, seen, found);
          walk(e.getValue(), path + ".value", text, bytes, seen, found);
        }
      }
    } else if (o instanceof Collection<?> c) {
      synchronized (c) {
        for (Object e : c) {
          walk(e, path + ".element", text, bytes, seen, found);
        }
      }
    } else if (o instanceof AtomicReference<?> r) {
      walk(r.get(), path + ".get()", text, bytes, seen, found);
    } else if (ours(o.getClass()) && !(o instanceof Enum<?>)) {
      for (Class<?> c = o.getClass(); ours(c); c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
            f.setAccessible(true);
            walk(f.get(o), path + "." + f.getName(), text, bytes, seen, found);
          }
        }
      }
    }
  }

  private static boolean ours(Class<?> c) {
    return c != null && c.getName().startsWith("dev.otpkit.otp.");
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
