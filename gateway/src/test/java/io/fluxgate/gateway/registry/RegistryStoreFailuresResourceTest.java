package io.fluxgate.gateway.registry;

import static io.fluxgate.gateway.registry.RegistryApi.PAYMENT_V1;
import static io.fluxgate.gateway.registry.RegistryApi.assertRegistryError;
import static io.fluxgate.gateway.registry.RegistryApi.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import io.fluxgate.schemas.registry.store.InMemoryRegistryLog;
import io.fluxgate.schemas.registry.store.RegistryLogException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A failing store answers 50001, a slow one 50002, an instance that is not serving 50003. */
@ExtendWith(DropwizardExtensionsSupport.class)
class RegistryStoreFailuresResourceTest {
  private static final InMemoryRegistryLog LOG = new InMemoryRegistryLog();
  private static final ResourceExtension API =
      RegistryApi.extension(RegistryApi.startedRegistry(LOG));
  private static final ResourceExtension NOT_SERVING =
      RegistryApi.extension(new SchemaRegistryService(new InMemoryRegistryLog()));

  @AfterEach
  void heal() {
    LOG.failWith(null);
  }

  @Test
  void shouldAnswer50001WhenTheStoreFails() {
    LOG.failWith(new RegistryLogException("broker unreachable", false, null));

    String message =
        assertRegistryError(
            API.target("/subjects/a/versions").request().post(schema(PAYMENT_V1)), 500, 50001);

    assertThat(message).contains("broker unreachable");
    assertRegistryError(API.target("/subjects").request().get(), 500, 50001);
  }

  @Test
  void shouldAnswer50002WhenTheStoreTimesOut() {
    LOG.failWith(new RegistryLogException("no answer within 10s", true, null));

    assertRegistryError(API.target("/config").request().get(), 500, 50002);
    assertRegistryError(
        API.target("/subjects/a/versions").request().post(schema(PAYMENT_V1)), 500, 50002);
  }

  @Test
  void shouldAnswer50003FromAnInstanceThatIsNotServing() {
    assertRegistryError(NOT_SERVING.target("/subjects").request().get(), 500, 50003);
  }
}
