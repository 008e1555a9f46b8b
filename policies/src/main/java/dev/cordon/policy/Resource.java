package dev.cordon.policy;

/**
 * What an action is performed on. Obtain instances from the {@link Policy} that will decide
 * ({@link Policy#resolveModel}, {@link Policy#datasetForFile}, {@link Policy#vector} ...):
 * those carry that policy's decision cache. Any other implementation is understood through
 * its {@link #id()} and decided without caching.
 */
public interface Resource {
    /** The resolved resource as it appears in the audit log, e.g. "model:chat-small", "dataset:prod-customers". */
    String id();
}
