package io.pledge.platform.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A text that must name an enum constant, with the list of them read from the enum. */
class OneOfTest {

    enum Size { SMALL, LARGE }

    record Query(@OneOf(Size.class) String size) {
    }

    private static final ValidatorFactory FACTORY = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void aConstantsNameOrNothingIsValid() {
        assertTrue(VALIDATOR.validate(new Query("SMALL")).isEmpty());
        assertTrue(VALIDATOR.validate(new Query(null)).isEmpty());
    }

    @Test
    void anythingElseIsRefusedNamingEveryConstantInOrder() {
        for (String bad : List.of("MEDIUM", "small", "", "SMALL ")) {
            Set<ConstraintViolation<Query>> violations = VALIDATOR.validate(new Query(bad));
            assertEquals(1, violations.size(), bad);
            assertEquals("must be one of SMALL, LARGE", violations.iterator().next().getMessage(), bad);
        }
    }
}
