# A stand-in for the Isso package in tests: the same import path (`isso.run`) that the rendered
# gunicorn command line names, with an application that echoes what reached it. Not Isso.
