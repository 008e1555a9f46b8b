package dev.cordon.agent.data;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers something about the application's JDBC objects (a connection's URL, a prepared
 * statement's plan) without keeping them alive and without trusting their {@code equals}:
 * keys compare by identity, and entries go when the object is collected.
 */
public final class WeakIdentityMap<K, V> {
  private final ConcurrentHashMap<Key, V> map = new ConcurrentHashMap<>();
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

  private static final class Key extends WeakReference<Object> {
    private final int hash;

    Key(Object referent, ReferenceQueue<Object> q) {
      super(referent, q);
      hash = System.identityHashCode(referent);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) return true;
      if (!(o instanceof Key k)) return false;
      Object mine = get();
      return mine != null && mine == k.get();
    }
  }

  public V get(K key) {
    if (key == null) return null;
    return map.get(new Key(key, null));
  }

  public void put(K key, V value) {
    if (key == null) return;
    purge();
    map.put(new Key(key, collected), value);
  }

  public void remove(K key) {
    if (key != null) map.remove(new Key(key, null));
  }

  public int size() {
    purge();
    return map.size();
  }

  private void purge() {
    Object ref;
    while ((ref = collected.poll()) != null) map.remove(ref);
  }
}
