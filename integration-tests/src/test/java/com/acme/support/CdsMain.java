package com.acme.support;

/** A tiny application for the class-data sharing test: its class and a platform-loader JDK class. */
public final class CdsMain {
  public static void main(String[] args) {
    System.out.println("SQL " + java.sql.Connection.class.getName());
  }
}
