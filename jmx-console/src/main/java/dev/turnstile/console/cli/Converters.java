package dev.turnstile.console.cli;

import dev.turnstile.console.connect.Target;
import dev.turnstile.console.text.Formats;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/** picocli converters whose refusals are the one line the operator sees. */
final class Converters {

    private Converters() {
    }

    static final class TargetConverter implements ITypeConverter<Target> {
        @Override
        public Target convert(String value) {
            try {
                return Target.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class LimitConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return Formats.limit(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class BreakerFailuresConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            String trimmed = value == null ? "" : value.trim();
            if (trimmed.matches("\\d{1,9}")) {
                return Integer.parseInt(trimmed);
            }
            throw new TypeConversionException("bad failure count '" + value + "': expected a whole number ≥ 0 (0 = off)");
        }
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Formats.positiveDuration(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A count of frames, checked before connecting: bad input is exit code 2 whatever the target. */
    static final class FramesConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (value.matches("\\d{1,9}")) {
                return Integer.parseInt(value);
            }
            throw new TypeConversionException("bad number of frames '" + value
                    + "': expected a whole number ≥ 0 (0 = until q or Ctrl-C)");
        }
    }

    static final class PortConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (value.matches("\\d{1,5}") && Integer.parseInt(value) <= 65535) {
                return Integer.parseInt(value);
            }
            throw new TypeConversionException("bad port '" + value + "': expected 0 (any free port) to 65535");
        }
    }
}
