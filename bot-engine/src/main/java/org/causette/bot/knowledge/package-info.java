/**
 * A site's knowledge: its catalog and FAQ as validated value types, and the loader that turns the site's
 * {@code catalog.json} and {@code faq.json} into them with precise errors.
 */
package org.causette.bot.knowledge;
