package com.acme.data;

import com.acme.shared.FileScript;

/** An analyst's file access: the "analyst" principal of the test policies (code under com.acme.data). */
public final class AnalystFilesMain {
  public static void main(String[] args) {
    new FileScript().run(args);
  }
}
