package dev.tether.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(Summary.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Summary(2.0, 1.0, 3.0, 3));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Summary.of(List.of(4.0, 1.0, 2.0, 3.0)).median()).isEqualTo(2.5);
    }

    @Test
    void missingValuesAreLeftOut() {
        assertThat(Summary.of(Arrays.asList(Double.NaN, null, 5.0))).isEqualTo(new Summary(5.0, 5.0, 5.0, 1));
        assertThat(Summary.of(List.of())).isNull();
    }
}
