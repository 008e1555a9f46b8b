package dev.cordon.agent.instrument;

import static dev.cordon.agent.instrument.classfile.Hook.ALOAD;
import static dev.cordon.agent.instrument.classfile.Hook.CONST;
import static dev.cordon.agent.instrument.classfile.Hook.ILOAD;

import dev.cordon.agent.instrument.classfile.Hook;
import java.util.ArrayList;
import java.util.List;

/** The JDK's file funnels and what each receives: one list, read by the patcher and by the ASM fallback. */
final class JdkFileHookPoints {
  private JdkFileHookPoints() {}

  private static final String UNIX_PATH = "Lsun/nio/fs/UnixPath;";
  private static final String OBJ = "Ljava/lang/Object;";
  private static final String STRING_INT = "(Ljava/lang/String;I)V";

  /** Matched by name and exact descriptor (the same in Java 17 to 25). */
  static final List<Hook> ALL = List.of(
      // FileInputStream, FileReader, Scanner(File): Dispatch.fileOpen(name, READ)
      Hook.enter("java/io/FileInputStream", "open", "(Ljava/lang/String;)V", "fileOpen", STRING_INT,
          ALOAD, 1, CONST, 1),
      // FileOutputStream, FileWriter: Dispatch.fileOpen(name, WRITE)
      Hook.enter("java/io/FileOutputStream", "open", "(Ljava/lang/String;Z)V", "fileOpen", STRING_INT,
          ALOAD, 1, CONST, 2),
      // RandomAccessFile, its channels and maps, ZipFile/JarFile
      Hook.enter("java/io/RandomAccessFile", "open", "(Ljava/lang/String;I)V", "fileOpenRandomAccess", STRING_INT,
          ALOAD, 1, ILOAD, 2),
      // File.renameTo and File.delete
      Hook.enter("java/io/UnixFileSystem", "rename", "(Ljava/io/File;Ljava/io/File;)Z", "fileRename",
          "(" + OBJ + OBJ + ")V", ALOAD, 1, ALOAD, 2).thenChanged(),
      Hook.enter("java/io/UnixFileSystem", "delete", "(Ljava/io/File;)Z", "fileDelete", "(" + OBJ + ")V",
          ALOAD, 1),
      // Every NIO open, move, link, symbolic link and delete (static methods: arguments from slot 0)
      Hook.enter("sun/nio/fs/UnixNativeDispatcher", "open", "(" + UNIX_PATH + "II)I", "fileOpenNative",
          "(" + OBJ + "I)V", ALOAD, 0, ILOAD, 1),
      Hook.enter("sun/nio/fs/UnixNativeDispatcher", "rename", "(" + UNIX_PATH + UNIX_PATH + ")V", "fileRename",
          "(" + OBJ + OBJ + ")V", ALOAD, 0, ALOAD, 1).thenChanged(),
      Hook.enter("sun/nio/fs/UnixNativeDispatcher", "link", "(" + UNIX_PATH + UNIX_PATH + ")V", "fileLink",
          "(" + OBJ + OBJ + ")V", ALOAD, 0, ALOAD, 1).thenChanged(),
      Hook.enter("sun/nio/fs/UnixNativeDispatcher", "symlink", "([B" + UNIX_PATH + ")V", null, null).thenChanged(),
      Hook.enter("sun/nio/fs/UnixNativeDispatcher", "unlink", "(" + UNIX_PATH + ")V", "fileDelete", "(" + OBJ + ")V",
          ALOAD, 0),
      Hook.enter("sun/nio/fs/UnixNativeDispatcher", "rmdir", "(" + UNIX_PATH + ")V", "fileDelete", "(" + OBJ + ")V",
          ALOAD, 0),
      // SecureDirectoryStream: opens, deletes and moves relative to the stream's directory
      Hook.exit("sun/nio/fs/UnixSecureDirectoryStream", "<init>",
          "(" + UNIX_PATH + "JILjava/nio/file/DirectoryStream$Filter;)V", "fileDirectoryOpened", "(" + OBJ + OBJ + ")V",
          ALOAD, 0, ALOAD, 1),
      Hook.enter("sun/nio/fs/UnixSecureDirectoryStream", "newByteChannel",
          "(Ljava/nio/file/Path;Ljava/util/Set;[Ljava/nio/file/attribute/FileAttribute;)"
              + "Ljava/nio/channels/SeekableByteChannel;",
          "fileOpenInDirectory", "(" + OBJ + OBJ + "Ljava/util/Set;)V", ALOAD, 0, ALOAD, 1, ALOAD, 2),
      Hook.enter("sun/nio/fs/UnixSecureDirectoryStream", "deleteFile", "(Ljava/nio/file/Path;)V",
          "fileDeleteInDirectory", "(" + OBJ + OBJ + ")V", ALOAD, 0, ALOAD, 1),
      Hook.enter("sun/nio/fs/UnixSecureDirectoryStream", "deleteDirectory", "(Ljava/nio/file/Path;)V",
          "fileDeleteInDirectory", "(" + OBJ + OBJ + ")V", ALOAD, 0, ALOAD, 1),
      Hook.enter("sun/nio/fs/UnixSecureDirectoryStream", "move",
          "(Ljava/nio/file/Path;Ljava/nio/file/SecureDirectoryStream;Ljava/nio/file/Path;)V", "fileMoveInDirectory",
          "(" + OBJ + OBJ + OBJ + OBJ + ")V", ALOAD, 0, ALOAD, 1, ALOAD, 2, ALOAD, 3)
          .thenChanged());

  /** The hook points of one class (internal name), in list order; empty when it is not a funnel. */
  static List<Hook> of(String internalName) {
    List<Hook> hooks = new ArrayList<>();
    for (Hook h : ALL) if (h.type().equals(internalName)) hooks.add(h);
    return hooks;
  }
}
