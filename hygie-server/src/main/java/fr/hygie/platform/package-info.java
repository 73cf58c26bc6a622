/**
 * Cross-cutting technical services every module may use: Hygie's home folder, the database
 * (embedded PostgreSQL by default), the command line, web security and problem details.
 * It holds no business rule and no health data.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package fr.hygie.platform;
