"""The economy's forms, one module per part: budget, outcomes, forecasts, statements."""
