package dev.cordon.agent.ai;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which declared datasets a file uploaded to a provider came from, so that a fine-tuning job
 * naming that file can be held to them (issue 3: "the training file must come from a dataset the
 * principal may read when it was uploaded from a governed path").
 *
 * <p>An upload's sources are the datasets whose files the uploading thread read (and was let read)
 * since its previous governed AI call: SDKs read the file on the caller's thread when the request
 * is built, before the upload is decided. Reading other dataset files in between only adds sources,
 * which makes the later check stricter, never looser. The provider's file id links the upload to
 * the job; the link lives in this JVM's memory (bounded, oldest dropped first), so a file uploaded
 * by an earlier run or another process has no known sources and its job is decided on the model
 * alone.
 */
public final class UploadProvenance {
  private UploadProvenance() {}

  private static final int MAX_FILES = 10_000;

  /** Dataset ids read on this thread since its last governed AI call; only dataset reads touch it. */
  private static final ThreadLocal<Set<String>> READ_SINCE_LAST_CALL = new ThreadLocal<>();

  private static final Map<String, Set<String>> SOURCES_BY_FILE_ID = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
      return size() > MAX_FILES;
    }
  };

  /** A file of dataset {@code datasetId} was opened for reading on this thread, and not blocked. */
  public static void datasetRead(String datasetId) {
    Set<String> s = READ_SINCE_LAST_CALL.get();
    if (s == null) {
      s = new TreeSet<>();
      READ_SINCE_LAST_CALL.set(s);
    }
    s.add(datasetId);
  }

  /** The datasets read on this thread since its last governed AI call (empty when none); starts a new window. */
  static Set<String> takeReads() {
    Set<String> s = READ_SINCE_LAST_CALL.get();
    if (s == null) return Set.of();
    READ_SINCE_LAST_CALL.remove();
    return s;
  }

  /** The provider answered an upload with this file id. */
  static void uploaded(String fileId, Set<String> datasets) {
    synchronized (SOURCES_BY_FILE_ID) {
      SOURCES_BY_FILE_ID.put(fileId, Set.copyOf(datasets));
    }
  }

  /** The datasets a file id was uploaded from; empty when unknown. */
  static Set<String> sourcesOf(String fileId) {
    synchronized (SOURCES_BY_FILE_ID) {
      Set<String> s = SOURCES_BY_FILE_ID.get(fileId);
      return s == null ? Set.of() : s;
    }
  }
}
