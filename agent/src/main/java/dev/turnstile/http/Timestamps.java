package dev.turnstile.http;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Hand-written parsers for the timestamps found in rate-limit headers. They return
 * {@link #INVALID} instead of throwing, because garbage in a response header is normal and
 * must cost neither an exception nor a regular expression.
 */
final class Timestamps {

    /** Returned for anything that is not a valid timestamp. */
    static final long INVALID = Long.MIN_VALUE;

    private static final String DAYS = "MonTueWedThuFriSatSun";
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
    private static final String[] LONG_DAYS = {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
    };

    // Fixed-width patterns, matched by match(). Letters y n d h m s fill the field of the same
    // position in FIELDS (n = numeric month); "aaa" is a day name and "bbb" a month name (fills n),
    // as in strftime; '_' is a day digit that may be a space (asctime pads the day); anything
    // else, upper case or punctuation, is literal.
    private static final String FIELDS = "yndhms";
    private static final int YEAR = 0;
    private static final String IMF_FIXDATE = "aaa, dd bbb yyyy hh:mm:ss GMT";
    private static final String ASCTIME = "aaa bbb _d hh:mm:ss yyyy";
    private static final String RFC850_AFTER_DAY = ", dd-bbb-yy hh:mm:ss GMT";
    private static final String RFC3339_SECONDS = "yyyy-nn-ddThh:mm:ss";

    private Timestamps() {}

    /**
     * Epoch millis of an HTTP-date (RFC 9110 section 5.6.7) in {@code s[from, to)}: IMF-fixdate,
     * or the obsolete RFC 850 and asctime forms. RFC 850's two-digit year is placed as RFC 9110
     * says: a year more than 50 years after {@code nowEpochMillis} means the century before.
     */
    static long httpDate(String s, int from, int to, long nowEpochMillis) {
        int[] f = new int[FIELDS.length()];
        int length = to - from;
        if (length == IMF_FIXDATE.length() && match(IMF_FIXDATE, s, from, f)
                || length == ASCTIME.length() && match(ASCTIME, s, from, f)) {
            return epochMillis(f, 0, 0);
        }
        int comma = s.indexOf(',', from);
        if (comma > from && to - comma == RFC850_AFTER_DAY.length()
                && isLongDayName(s, from, comma) && match(RFC850_AFTER_DAY, s, comma, f)) {
            f[YEAR] = fullYear(f[YEAR], nowEpochMillis);
            return epochMillis(f, 0, 0);
        }
        return INVALID;
    }

    /**
     * Epoch millis of an RFC 3339 date-time in {@code s[from, to)}, such as
     * {@code 2026-11-29T02:30:00Z} or {@code 2026-11-29T04:30:00.5+02:00}. A fraction finer
     * than a millisecond is rounded up, so that a wait computed from it is never too short.
     */
    static long rfc3339(String s, int from, int to) {
        int[] f = new int[FIELDS.length()];
        int i = from + RFC3339_SECONDS.length();
        if (i >= to || !match(RFC3339_SECONDS, s, from, f)) {
            return INVALID;
        }
        int fractionMillis = 0;
        if (s.charAt(i) == '.') {
            int digits = 0;
            boolean finer = false;
            for (i++; i < to && isDigit(s.charAt(i)); i++, digits++) {
                int d = s.charAt(i) - '0';
                if (digits < 3) {
                    fractionMillis = fractionMillis * 10 + d;
                } else {
                    finer |= d != 0;
                }
            }
            if (digits == 0) {
                return INVALID;
            }
            for (; digits < 3; digits++) {
                fractionMillis *= 10;
            }
            if (finer) {
                fractionMillis++;
            }
        }
        int offsetSeconds;
        char c = i < to ? s.charAt(i) : 0;
        if ((c == 'Z' || c == 'z') && i + 1 == to) {
            offsetSeconds = 0;
        } else if ((c == '+' || c == '-') && i + 6 == to && s.charAt(i + 3) == ':') {
            int hours = twoDigits(s, i + 1);
            int minutes = twoDigits(s, i + 4);
            if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
                return INVALID;
            }
            offsetSeconds = (c == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return INVALID;
        }
        return epochMillis(f, fractionMillis, offsetSeconds);
    }

    /** Matches {@code s} from {@code at} against a fixed-width pattern, filling {@code f}. */
    private static boolean match(String pattern, String s, int at, int[] f) {
        for (int p = 0; p < pattern.length(); p++, at++) {
            char pc = pattern.charAt(p);
            char c = s.charAt(at);
            if (pc == 'a' || pc == 'b') {
                int index = nameIndex(pc == 'a' ? DAYS : MONTHS, s, at);
                if (index < 0) {
                    return false;
                }
                if (pc == 'b') {
                    f[1] = index + 1;
                }
                p += 2;
                at += 2;
            } else if (pc == '_') {
                if (c != ' ' && !isDigit(c)) {
                    return false;
                }
                f[2] = c == ' ' ? 0 : c - '0';
            } else if (FIELDS.indexOf(pc) >= 0) {
                if (!isDigit(c)) {
                    return false;
                }
                int field = FIELDS.indexOf(pc);
                f[field] = f[field] * 10 + (c - '0');
            } else if (Character.toUpperCase(c) != pc) { // literals: "GMT", 'T' and punctuation
                return false;
            }
        }
        return true;
    }

    /** Index of the three-letter name at {@code s[at]} in {@code names}, any case; -1 if none. */
    private static int nameIndex(String names, String s, int at) {
        for (int i = 0; i < names.length(); i += 3) {
            if (s.regionMatches(true, at, names, i, 3)) {
                return i / 3;
            }
        }
        return -1;
    }

    private static boolean isLongDayName(String s, int from, int to) {
        for (String day : LONG_DAYS) {
            if (day.length() == to - from && s.regionMatches(true, from, day, 0, day.length())) {
                return true;
            }
        }
        return false;
    }

    /** RFC 9110: a two-digit year more than 50 years in the future is in the past century. */
    private static int fullYear(int twoDigitYear, long nowEpochMillis) {
        int nowYear = LocalDate.ofEpochDay(Math.floorDiv(nowEpochMillis, 86_400_000L)).getYear();
        int year = nowYear - Math.floorMod(nowYear, 100) + twoDigitYear;
        return year > nowYear + 50 ? year - 100 : year;
    }

    /** Epoch millis of the fields, validated first so that java.time never throws. */
    private static long epochMillis(int[] f, int fractionMillis, int offsetSeconds) {
        int year = f[0], month = f[1], day = f[2], hour = f[3], minute = f[4], second = f[5];
        if (month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || hour > 23 || minute > 59 || second > 60) { // 60: a leap second
            return INVALID;
        }
        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400L
                + hour * 3600L + minute * 60L + second - offsetSeconds;
        return epochSecond * 1000 + fractionMillis;
    }

    private static int twoDigits(String s, int at) {
        char a = s.charAt(at), b = s.charAt(at + 1);
        return isDigit(a) && isDigit(b) ? (a - '0') * 10 + (b - '0') : -1;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
