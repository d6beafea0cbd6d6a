package io.fluxgate.gateway.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.core.event.EventError;
import io.fluxgate.core.event.EventRejectedException;
import io.fluxgate.gateway.GatewayApplication;
import io.fluxgate.gateway.api.ErrorResponse;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorMappingTest {
  private final ErrorMapping mapping = new ErrorMapping(GatewayApplication.errorMappers());

  private static ErrorResponse body(Response response) {
    return (ErrorResponse) response.getEntity();
  }

  @Test
  void shouldGiveAnApiExceptionItsOwnAnswerWithItsHeaders() {
    Response response = mapping.toResponse(ApiException.unavailable("Kafka is unavailable", 1));

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(body(response).error()).isEqualTo("unavailable");
  }

  @Test
  void shouldMapJerseysOwnErrorsByTheWebApplicationExceptionMapper() {
    Response response = mapping.toResponse(new NotAllowedException("POST"));

    assertThat(response.getStatus()).isEqualTo(405);
    assertThat(body(response).error()).isEqualTo("method_not_allowed");
  }

  @Test
  void shouldPreferTheNearestMapperOverTheCatchAll() {
    EventRejectedException rejected =
        new EventRejectedException(
            List.of(new EventError(0, "event_type", "invalid", "event_type is invalid")));

    Response response = mapping.toResponse(rejected);

    assertThat(response.getStatus()).isEqualTo(rejected.status());
    assertThat(body(response).error()).isEqualTo("invalid_event");
  }

  @Test
  void shouldAnswerAnythingElseWith500AndAnIncident() {
    Response response = mapping.toResponse(new IllegalStateException("a defect"));

    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(body(response).error()).isEqualTo("internal_error");
    assertThat(body(response).message())
        .startsWith("unexpected error, incident ")
        .doesNotContain("defect");
  }

  @Test
  void shouldRefuseAMapperWithoutItsExceptionType() {
    @SuppressWarnings("rawtypes")
    ExceptionMapper raw = exception -> Response.ok().build();

    assertThatThrownBy(() -> new ErrorMapping(List.of(raw)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ExceptionMapper<X>");
  }

  @Test
  void shouldFailLoudlyWhenNoMapperTakesTheException() {
    ErrorMapping onlyEvents = new ErrorMapping(List.of(new EventRejectedExceptionMapper()));

    assertThatThrownBy(() -> onlyEvents.toResponse(new IllegalStateException("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no mapper for");
  }
}
