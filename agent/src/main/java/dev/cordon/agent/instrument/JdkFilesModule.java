package dev.cordon.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.cordon.agent.instrument.advice.DeleteAdvice;
import dev.cordon.agent.instrument.advice.FileReadOpenAdvice;
import dev.cordon.agent.instrument.advice.FileWriteOpenAdvice;
import dev.cordon.agent.instrument.advice.HardLinkAdvice;
import dev.cordon.agent.instrument.advice.NativeOpenAdvice;
import dev.cordon.agent.instrument.advice.RandomAccessOpenAdvice;
import dev.cordon.agent.instrument.advice.RenameAdvice;
import dev.cordon.agent.instrument.advice.SecureDirectoryAdvice;
import dev.cordon.agent.instrument.advice.SymlinkAdvice;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The JDK's file funnels (Java 17 to 25; see the field notes): the private {@code open} methods of
 * {@code FileInputStream}, {@code FileOutputStream} and {@code RandomAccessFile}, and
 * {@code sun.nio.fs.UnixNativeDispatcher}'s {@code open}, {@code rename}, {@code link},
 * {@code symlink}, {@code unlink} and {@code rmdir}, and {@code java.io.UnixFileSystem}'s
 * {@code rename} and {@code delete}, under every public file API; and {@code UnixSecureDirectoryStream},
 * whose opens are relative to a directory descriptor. These classes are loaded before {@code premain}, so
 * they are retransformed, and only when the policy declares file datasets ({@link JdkFileHooks}).
 */
final class JdkFilesModule implements HookModule {
  static final String UNIX_PATH = "sun.nio.fs.UnixPath";

  @Override
  public AgentBuilder extend(AgentBuilder builder, WeaveReport report) {
    return builder
        .type(named("java.io.FileInputStream"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> open = named("open").and(takesArguments(String.class));
          report.expect(type, open, "open");
          return b.visit(Advice.to(FileReadOpenAdvice.class).on(open));
        })
        .type(named("java.io.FileOutputStream"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> open = named("open").and(takesArguments(String.class, boolean.class));
          report.expect(type, open, "open");
          return b.visit(Advice.to(FileWriteOpenAdvice.class).on(open));
        })
        .type(named("java.io.RandomAccessFile"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> open = named("open").and(takesArguments(String.class, int.class));
          report.expect(type, open, "open");
          return b.visit(Advice.to(RandomAccessOpenAdvice.class).on(open));
        })
        .type(named("java.io.UnixFileSystem"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> rename = named("rename").and(takesArguments(2))
              .and(takesArgument(0, java.io.File.class));
          ElementMatcher.Junction<MethodDescription> delete = named("delete").and(takesArguments(java.io.File.class));
          report.expect(type, rename, "rename");
          report.expect(type, delete, "delete");
          return b.visit(Advice.to(RenameAdvice.class).on(rename)).visit(Advice.to(DeleteAdvice.class).on(delete));
        })
        .type(named("sun.nio.fs.UnixSecureDirectoryStream"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> ctor = isConstructor().and(takesArgument(0, named(UNIX_PATH)));
          ElementMatcher.Junction<MethodDescription> open = named("newByteChannel").and(takesArguments(3))
              .and(takesArgument(0, java.nio.file.Path.class));
          ElementMatcher.Junction<MethodDescription> delete = namedOneOf("deleteFile", "deleteDirectory")
              .and(takesArguments(java.nio.file.Path.class));
          ElementMatcher.Junction<MethodDescription> move = named("move").and(takesArguments(3))
              .and(takesArgument(0, java.nio.file.Path.class));
          report.expect(type, open, "newByteChannel");
          report.expect(type, delete, "deleteFile");
          report.expect(type, move, "move");
          return b.visit(Advice.to(SecureDirectoryAdvice.Opened.class).on(ctor))
              .visit(Advice.to(SecureDirectoryAdvice.Open.class).on(open))
              .visit(Advice.to(SecureDirectoryAdvice.Delete.class).on(delete))
              .visit(Advice.to(SecureDirectoryAdvice.Move.class).on(move));
        })
        .type(named("sun.nio.fs.UnixNativeDispatcher"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> open = named("open").and(isStatic()).and(takesArguments(3))
              .and(takesArgument(0, named(UNIX_PATH)));
          ElementMatcher.Junction<MethodDescription> rename = named("rename").and(isStatic()).and(takesArguments(2))
              .and(takesArgument(0, named(UNIX_PATH)));
          ElementMatcher.Junction<MethodDescription> link = named("link").and(isStatic()).and(takesArguments(2))
              .and(takesArgument(0, named(UNIX_PATH)));
          ElementMatcher.Junction<MethodDescription> symlink = named("symlink").and(isStatic()).and(takesArguments(2));
          ElementMatcher.Junction<MethodDescription> unlink = named("unlink").and(isStatic()).and(takesArguments(1))
              .and(takesArgument(0, named(UNIX_PATH)));
          ElementMatcher.Junction<MethodDescription> rmdir = named("rmdir").and(isStatic()).and(takesArguments(1))
              .and(takesArgument(0, named(UNIX_PATH)));
          report.expect(type, open, "open");
          report.expect(type, rename, "rename");
          report.expect(type, link, "link");
          report.expect(type, symlink, "symlink");
          report.expect(type, unlink, "unlink");
          report.expect(type, rmdir, "rmdir");
          return b.visit(Advice.to(NativeOpenAdvice.class).on(open))
              .visit(Advice.to(RenameAdvice.class).on(rename))
              .visit(Advice.to(HardLinkAdvice.class).on(link))
              .visit(Advice.to(SymlinkAdvice.class).on(symlink))
              .visit(Advice.to(DeleteAdvice.class).on(unlink.or(rmdir)));
        });
  }
}
