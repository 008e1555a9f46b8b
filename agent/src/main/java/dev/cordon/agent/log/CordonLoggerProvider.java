package dev.cordon.agent.log;

import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/** SLF4J 2 provider registered only inside the agent's class loader (META-INF/services). */
public final class CordonLoggerProvider implements SLF4JServiceProvider {
  private final ConcurrentHashMap<String, Logger> loggers = new ConcurrentHashMap<>();
  private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, StderrLogger::new);
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  @Override public ILoggerFactory getLoggerFactory() { return factory; }
  @Override public IMarkerFactory getMarkerFactory() { return markers; }
  @Override public MDCAdapter getMDCAdapter() { return mdc; }
  @Override public String getRequestedApiVersion() { return "2.0.99"; }
  @Override public void initialize() {}
}
