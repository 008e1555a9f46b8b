package com.acme.training;

import com.acme.shared.SqlScript;

/** A training job's database access: the "trainer" principal of the test policies. */
public final class TrainerSqlMain {
  public static void main(String[] args) throws Exception {
    new SqlScript().run(args);
  }
}
