/**
 * Configuration: the server's options ({@link org.causette.server.config.ServerConfig}) and the site folders
 * (site.json, catalog.json, faq.json, staff.json) loaded and validated into {@link org.causette.server.config.Site}s.
 * Every problem is a {@link org.causette.server.config.ConfigException} naming file, field and what is wrong.
 */
package org.causette.server.config;
