package dev.cordon.redact;

/**
 * Which types one call redacts, compiled once per rule set (see {@link Redactor#types}): a bit per
 * built-in type and the custom detectors that apply. Immutable.
 */
public final class TypeSet {
  final int builtinMask;
  final boolean[] custom;
  final BuiltinScanner scanner;
  final boolean anyCustomPattern;
  final boolean anyTerm;

  TypeSet(int builtinMask, boolean[] custom, boolean anyCustomPattern, boolean anyTerm) {
    this.builtinMask = builtinMask;
    this.custom = custom;
    this.scanner = new BuiltinScanner(builtinMask);
    this.anyCustomPattern = anyCustomPattern;
    this.anyTerm = anyTerm;
  }

  public boolean isEmpty() {
    return builtinMask == 0 && !anyCustomPattern && !anyTerm;
  }
}
