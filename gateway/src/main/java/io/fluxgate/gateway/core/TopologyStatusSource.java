package io.fluxgate.gateway.core;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The status of a deployed topology as {@link TopologyStatusBoard} merges it. */
@FunctionalInterface
public interface TopologyStatusSource {
  ObjectNode status(String name, String generation);
}
