/**
 * The code of the user guide ({@code docs/user-guide.md}), step by step; the guide's snippets are
 * cut from these files, and a test checks that they still are.
 */
package org.livestack.examples.guide;
