"""Operating careerbot: conversations (sessions), the conversation log and the curators' report."""
