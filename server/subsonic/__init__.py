"""The Subsonic / OpenSubsonic REST API under /rest/ (README, "Subsonic").

`views` authenticates and dispatches to the methods that the modules below register
(`registry`); `envelope` renders XML, JSON or JSONP; `params`, `ids`, `shapes` are shared.
"""


def init_app(app):
    from server.subsonic import methods, views

    methods.load()
    app.register_blueprint(views.bp)
