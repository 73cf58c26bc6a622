/**
 * The demo population: the named cast of the README (a contract that tests and later issues rely on)
 * and a generated synthetic population, loaded on the first start in demo mode through the other
 * modules' public APIs. The production profile refuses demo mode and demo accounts.
 */
package fr.hygie.demo;
