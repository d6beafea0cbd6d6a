package io.fluxgate.gateway.resources;

import static io.fluxgate.gateway.resources.TestGateway.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Jersey's own refusals (no such path, wrong method) answer in the gateway's error shape. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ErrorShapeTest {

  private static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor();
  private static final ResourceExtension RESOURCES =
      TestGateway.resources()
          .addResource(TestGateway.eventsResource(TestGateway.acknowledgingProducer()))
          .addResource(
              new SubscriptionsResource(
                  TestGateway.subscriptionService(
                      new InMemorySubscriptionRepository(),
                      new UnreachableKafka().admin(),
                      SCHEDULER)))
          .build();

  @AfterAll
  static void stopScheduler() {
    SCHEDULER.shutdownNow();
  }

  @Test
  void shouldAnswer404InTheErrorShapeForAnUnknownPath() {
    assertError(RESOURCES.target("/v2/nothing/here").request().get(), 404, "not_found");
  }

  @Test
  void shouldAnswer404InTheErrorShapeForAnUnknownPathUnderAResource() {
    Response response =
        RESOURCES.target("/v1/events/batch/extra").request().post(Entity.json("{}"));

    assertError(response, 404, "not_found");
  }

  @Test
  void shouldAnswer405InTheErrorShapeWithAllowForAWrongMethod() {
    Response response = RESOURCES.target("/v1/events").request().get();

    assertError(response, 405, "method_not_allowed");
    assertThat(response.getHeaderString("Allow")).contains("POST");
  }

  @Test
  void shouldAnswer405InTheErrorShapeForPutOnSubscriptions() {
    Response response =
        RESOURCES.target("/v1/subscriptions").request().put(Entity.json("{\"patterns\":[]}"));

    assertError(response, 405, "method_not_allowed");
  }
}
