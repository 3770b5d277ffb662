"""Build-time glue: snippet sections, printed outputs, quizzes, math and MkDocs hooks."""
