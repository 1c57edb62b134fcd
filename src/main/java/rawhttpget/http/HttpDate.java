package rawhttpget.http;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * HTTP-date (RFC 9110 §5.6.7) as seconds since the Unix epoch. A recipient must accept all three forms, since
 * old servers still send the obsolete ones: IMF-fixdate {@code Sun, 06 Nov 1994 08:49:37 GMT}, RFC 850
 * {@code Sunday, 06-Nov-94 08:49:37 GMT} and asctime {@code Sun Nov  6 08:49:37 1994}. Anything else is no date.
 */
public final class HttpDate {
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};
    /** Day names from Thursday, the weekday of 1 January 1970. */
    private static final String[] DAYS_FROM_THURSDAY = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};

    private HttpDate() {
    }

    /** The instant {@code text} names, or empty when it is not an HTTP-date. */
    public static OptionalLong parse(String text) {
        String[] words = text.trim().split("[ \t]+");
        try {
            if (words.length == 5 && words[0].length() == 3) {
                // asctime: "Sun Nov  6 08:49:37 1994"
                return epoch(words[4], month(words[1]), words[2], words[3], 4);
            }
            if (words.length == 6 && words[0].endsWith(",") && words[5].equals("GMT")) {
                // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
                return epoch(words[3], month(words[2]), words[1], words[4], 4);
            }
            if (words.length == 4 && words[0].endsWith(",") && words[3].equals("GMT")) {
                // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"
                String[] dmy = words[1].split("-", -1);
                if (dmy.length == 3) {
                    return epoch(dmy[2], month(dmy[1]), dmy[0], words[2], 2);
                }
            }
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** {@code epochSeconds} as an IMF-fixdate, the form a request's If-Modified-Since must use. */
    public static String format(long epochSeconds) {
        long days = Math.floorDiv(epochSeconds, 86_400L);
        long secondOfDay = Math.floorMod(epochSeconds, 86_400L);
        long[] ymd = civilFromDays(days);
        return String.format(Locale.ROOT, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                DAYS_FROM_THURSDAY[(int) Math.floorMod(days, 7L)], ymd[2], MONTHS[(int) ymd[1] - 1], ymd[0],
                secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60);
    }

    private static int month(String name) {
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(name)) {
                return i + 1;
            }
        }
        throw new NumberFormatException("no month: " + name);
    }

    private static OptionalLong epoch(String year, int month, String day, String time, int yearDigits) {
        if (year.length() != yearDigits || !digits(year) || day.isEmpty() || day.length() > 2 || !digits(day)) {
            return OptionalLong.empty();
        }
        String[] hms = time.split(":", -1);
        if (hms.length != 3 || !twoDigits(hms[0]) || !twoDigits(hms[1]) || !twoDigits(hms[2])) {
            return OptionalLong.empty();
        }
        int y = Integer.parseInt(year);
        if (yearDigits == 2) {
            // RFC 9110: a two-digit year more than 50 years in the future is in the past century. Without a
            // clock here, the pivot is fixed: 70-99 are 1970-1999, 00-69 are 2000-2069.
            y += y >= 70 ? 1900 : 2000;
        }
        int hour = Integer.parseInt(hms[0]);
        int minute = Integer.parseInt(hms[1]);
        int second = Integer.parseInt(hms[2]);
        if (hour > 23 || minute > 59 || second > 60) {
            return OptionalLong.empty();
        }
        int d = Integer.parseInt(day);
        if (d < 1 || d > daysInMonth(y, month)) {
            return OptionalLong.empty();
        }
        long days = daysFromCivil(y, month, d);
        // A leap second (60) counts as the next second's start, as POSIX time has no room for it.
        return OptionalLong.of(days * 86_400L + hour * 3600L + minute * 60L + second);
    }

    private static int daysInMonth(int year, int month) {
        boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        return switch (month) {
            case 2 -> leap ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (eras of 400 years, March-based years). */
    static long daysFromCivil(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** The inverse of {@link #daysFromCivil}: {year, month, day}. */
    static long[] civilFromDays(long days) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        return new long[] {yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day};
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean twoDigits(String s) {
        return s.length() == 2 && digits(s);
    }
}
