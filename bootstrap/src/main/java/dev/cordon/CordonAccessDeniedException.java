package dev.cordon;

/**
 * Thrown at the call the application made when Cordon's policy denies it.
 *
 * <p>It lives in the boot loader so that every class loader sees one and the same class, and it
 * is a {@link SecurityException} because that is what the JDK documents for refused file and
 * network operations. Advice never swallows it.
 */
public class CordonAccessDeniedException extends SecurityException {
  private static final long serialVersionUID = 1L;

  private final String principal;
  private final String action;
  private final String resource;
  private final String rule;

  public CordonAccessDeniedException(String message, String principal, String action, String resource, String rule) {
    super(message);
    this.principal = principal;
    this.action = action;
    this.resource = resource;
    this.rule = rule;
  }

  /** The principal id the call was attributed to. */
  public String principal() { return principal; }

  /** The action, e.g. {@code model.chat}. */
  public String action() { return action; }

  /** The resolved resource, e.g. {@code model:openai/gpt-4o}. */
  public String resource() { return resource; }

  /** The deciding rule id, or null when no rule allows. */
  public String rule() { return rule; }
}
