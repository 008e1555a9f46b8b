package dev.cordon.agent.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolCallsTest {
  static List<String> calls(String json) throws Exception {
    return ToolCalls.find(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyProvidersShape() throws Exception {
    assertEquals(List.of("lookup_order", "refund"), calls("""
        {"choices":[{"message":{"role":"assistant","content":null,"tool_calls":[
          {"id":"c1","type":"function","function":{"name":"lookup_order","arguments":"{}"}},
          {"function":{"arguments":"{}","name":"refund"},"type":"function","id":"c2"}]}}]}"""));
    assertEquals(List.of("get_weather"), calls("""
        {"tools":[{"type":"function","name":"declared_only"}],
         "output":[{"type":"message","content":[]},{"type":"function_call","name":"get_weather","arguments":"{}"}]}"""));
    assertEquals(List.of("search"), calls("""
        {"content":[{"type":"text","text":"x"},{"type":"tool_use","id":"t","name":"search","input":{}}]}"""));
    assertEquals(List.of("find"), calls("""
        {"candidates":[{"content":{"parts":[{"functionCall":{"name":"find","args":{}}}]}}]}"""));
    assertEquals(List.of("legacy"), calls("""
        {"choices":[{"message":{"function_call":{"name":"legacy","arguments":"{}"}}}]}"""));
  }

  @Test
  void plainAnswersCallNothing() throws Exception {
    assertEquals(List.of(), calls("{\"choices\":[{\"message\":{\"content\":\"the function name is x\"}}]}"));
    assertNull(ToolCalls.firstOutside("{\"output\":[{\"type\":\"function_call\",\"name\":\"a\"}]}"
        .getBytes(StandardCharsets.UTF_8), Set.of("a")));
    assertEquals("b", ToolCalls.firstOutside("{\"output\":[{\"type\":\"function_call\",\"name\":\"b\"}]}"
        .getBytes(StandardCharsets.UTF_8), Set.of("a")));
  }
}
