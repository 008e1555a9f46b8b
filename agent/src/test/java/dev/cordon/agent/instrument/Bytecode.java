package dev.cordon.agent.instrument;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceClassVisitor;
import org.objectweb.asm.util.TraceMethodVisitor;

/** Test helpers over ASM's own tools (org.ow2.asm, test scope): a class file printed, and verified. */
final class Bytecode {
  private Bytecode() {}

  /**
   * The class printed instruction by instruction (labels, frames, line numbers, local variables,
   * try/catch blocks), constants resolved, so two class files with different constant pools compare
   * equal when they are the same program. MAXSTACK lines are left out: see {@link #maxStacks}.
   */
  static String text(byte[] bytes) {
    StringWriter out = new StringWriter();
    new ClassReader(bytes).accept(new TraceClassVisitor(new PrintWriter(out)), 0);
    StringBuilder kept = new StringBuilder();
    for (String line : out.toString().split("\n")) {
      if (!line.trim().startsWith("MAXSTACK")) kept.append(line).append('\n');
    }
    return kept.toString();
  }

  /** One method printed (for failure messages). */
  static String method(byte[] bytes, String name) {
    ClassNode node = new ClassNode();
    new ClassReader(bytes).accept(node, 0);
    StringWriter out = new StringWriter();
    for (MethodNode m : node.methods) {
      if (!m.name.equals(name)) continue;
      Textifier t = new Textifier();
      m.accept(new TraceMethodVisitor(t));
      t.print(new PrintWriter(out));
    }
    return out.toString();
  }

  /** "name desc=maxStack" for every method with code. */
  static List<String> maxStacks(byte[] bytes) {
    ClassNode node = new ClassNode();
    new ClassReader(bytes).accept(node, 0);
    List<String> all = new ArrayList<>();
    for (MethodNode m : node.methods) {
      if (m.instructions.size() > 0) all.add(m.name + m.desc + "=" + m.maxStack);
    }
    return all;
  }

  /** ASM's data-flow verifier over every method (types checked against loaded classes); empty when it passes. */
  static String verify(byte[] bytes) {
    StringWriter out = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(bytes), ClassLoader.getSystemClassLoader(), false, new PrintWriter(out));
    return out.toString();
  }
}
