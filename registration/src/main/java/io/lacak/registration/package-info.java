/**
 * Companies, facilities, accounts and single sign-on, product registration (NIE) and
 * certification (seeds 000, 002, 004; Lampiran B). Built by issue 4; empty until then.
 */
package io.lacak.registration;
