/**
 * Small building blocks every module shares: domain errors that become {@code application/problem+json},
 * paging, and the injected clock.
 */
package org.polder.common;
