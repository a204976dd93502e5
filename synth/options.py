"""What a corpus can be made of: the choices of `budgetwh synth`, apart from the generator itself
(whose renderers import reportlab and openpyxl: every `budgetwh` command builds the synth parser)."""

FORMATS = ("txt", "xlsx", "pdf")
REPORT_KINDS = ("final_accounts", "budget")
LAYOUTS = ("yunnan", "shanghai")
