package org.livestack.models;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Formats a model's statistics for {@link org.livestack.api.Component#details()}. */
final class Details
{
    private Details()
    {
    }

    /**
     * @param pairs name, value, name, value...: integers as they are, other numbers with one decimal,
     *              NaN (no observation) as "-".
     * @return the map, in the given order.
     */
    static Map<String, String> of(final Object... pairs)
    {
        final Map<String, String> d = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2)
        {
            final Object v = pairs[i + 1];
            final String text;
            if (v instanceof Double x)
            {
                text = Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.1f", x);
            }
            else
            {
                text = String.valueOf(v);
            }
            d.put((String)pairs[i], text);
        }
        return d;
    }
}
