package dev.okienko.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceExceptionTest {

    @ParameterizedTest
    @CsvSource({"408, true", "429, true", "500, true", "502, true", "503, true", "504, true",
                "400, false", "401, false", "404, false", "501, false", "505, false", "0, false"})
    void isRetryable_byStatus(int status, boolean retryable) {
        ServiceException e = new ServiceException("SE API", status, List.of(), null, null, "failed", null);

        assertThat(e.isRetryable()).isEqualTo(retryable);
    }

    @Test
    void isRetryable_retryAfterGiven_alwaysTrue() {
        ServiceException e = new ServiceException("UA API", 400, List.of(), null, Duration.ofSeconds(5), "busy", null);

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
    }

    @Test
    void message_namesServiceStatusCodesAndCorrelationId() {
        ServiceException e = new ServiceException("SE API", 400, List.of("SEAPI-00012"), "c0ffee", null,
                "invalid search criteria", null);

        assertThat(e.getMessage()).isEqualTo("SE API: invalid search criteria (HTTP 400) [SEAPI-00012] [correlation id c0ffee]");
        assertThat(e.errorCodes()).containsExactly("SEAPI-00012");
        assertThat(e.correlationId()).contains("c0ffee");
        assertThat(e).isInstanceOf(OkienkoException.class);
    }
}
