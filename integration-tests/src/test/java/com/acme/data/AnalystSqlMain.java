package com.acme.data;

import com.acme.shared.SqlScript;

/** An analyst's database access: the "analyst" principal of the test policies. */
public final class AnalystSqlMain {
  public static void main(String[] args) throws Exception {
    new SqlScript().run(args);
  }
}
