package io.pledge.platform.problem;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A text (typically a query parameter) that must name a constant of the enum: a 400 problem
 * listing them otherwise, null allowed. Read from the enum itself, so the list cannot drift from it
 * the way a copied {@code @Pattern} does when the enum gains a value.
 */
@Documented
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = OneOf.Validator.class)
public @interface OneOf {

    Class<? extends Enum<?>> value();

    String message() default "must be one of the enum's names";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<OneOf, String> {

        private Enum<?>[] constants;

        @Override
        public void initialize(OneOf oneOf) {
            constants = oneOf.value().getEnumConstants();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || Arrays.stream(constants).anyMatch(c -> c.name().equals(value))) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            // enum names hold no '{', '$' or '\', so the template is the text as it stands
            context.buildConstraintViolationWithTemplate("must be one of "
                            + Arrays.stream(constants).map(Enum::name).collect(Collectors.joining(", ")))
                    .addConstraintViolation();
            return false;
        }
    }
}
