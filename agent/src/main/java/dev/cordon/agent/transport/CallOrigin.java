package dev.cordon.agent.transport;

import dev.cordon.agent.principal.Caller;

/**
 * Who started an asynchronous transport call, captured on the caller's thread when the call was
 * started (OkHttp {@code enqueue}), so that the decision made later on a pool thread is attributed
 * to the application code that asked for it, and an SDK's "already governed" marker follows it.
 *
 * @param caller the principal and deciding frame on the starting thread
 * @param marker the starting thread's {@link GovernedCalls} marker, or null
 */
record CallOrigin(Caller caller, GovernedCalls.Endpoint marker) {}
