/** The start page: what Polder is, where to go, and the demo logins when the demo is on. */
package org.polder.site;
