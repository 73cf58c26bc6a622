/**
 * The HTML adapter: server-rendered pages (Thymeleaf) for every audience. It translates HTTP to the
 * modules' public APIs and holds no business rule. Pages work without JavaScript.
 */
package fr.hygie.web;
